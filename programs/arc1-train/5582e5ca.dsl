x1 = most_common_color(I)
O = filled_like(I, x1)
