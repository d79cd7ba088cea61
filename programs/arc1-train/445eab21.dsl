x1 = objects_4(I)
x2 = largest(x1)
x3 = obj_color(x2)
O = square_of(2, x3)
