x1 = flip_v(I)
x2 = mirror_top_to_bottom(x1)
O = flip_v(x2)
