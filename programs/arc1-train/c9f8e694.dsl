x1 = erase_color(I, 5)
x2 = smear(x1, RIGHT)
x3 = mask_of_color(I, 5)
O = choose_by_mask(x3, x2, I)
