x1 = least_common_nonzero_color(I)
O = complete_symmetry_h(I, x1)
