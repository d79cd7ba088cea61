x1 = crop_to_content(I)
O = flip_h(x1)
