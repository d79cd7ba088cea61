x1 = least_common_nonzero_color(I)
x2 = crop_to_color(I, x1)
x3 = strip_edge(x2)
O = recolor_nonzero(x3, x1)
