collect_ignore = ["vendored"]
