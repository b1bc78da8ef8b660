"""Year close: sign-off by both sides, approval, the national office's close, reopening, revisions."""
