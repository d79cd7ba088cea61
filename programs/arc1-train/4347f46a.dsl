x1 = objects_4(I)
O = paint_mapped(I, x1, hollow_object)
