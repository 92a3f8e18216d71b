"""A second replica site for the tests: Z-BlogPHP 1.7 with its bundled default theme, in any URL mode."""
