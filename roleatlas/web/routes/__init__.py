"""One router per area of the site; each page's data come from one ``*_data`` function."""
