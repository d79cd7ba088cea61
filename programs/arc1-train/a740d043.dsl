x1 = crop_to_foreground(I)
O = replace_color(x1, 1, 0)
