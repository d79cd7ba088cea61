x1 = foreground(I)
x2 = repeat_object(I, x1, UP)
O = repeat_object(x2, x1, DOWN)
