x1 = foreground(I)
O = apply_in_box(I, x1, symmetrize_rot90)
