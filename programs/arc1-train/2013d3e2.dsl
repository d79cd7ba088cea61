x1 = crop_to_content(I)
O = crop(x1, 0, 0, 3, 3)
