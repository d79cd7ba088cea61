x1 = count_nonzero(I)
x2 = most_common_nonzero_color(I)
O = row_of(x1, x2)
