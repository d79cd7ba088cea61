O = remove_duplicate_lines(I)
