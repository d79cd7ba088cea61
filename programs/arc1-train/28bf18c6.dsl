x1 = crop_to_content(I)
O = tile(x1, 1, 2)
