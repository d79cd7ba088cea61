x1 = crop_to_content(I)
O = remove_duplicate_lines(x1)
