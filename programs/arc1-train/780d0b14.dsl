x1 = objects_8(I)
x2 = paint_bboxes(I, x1)
x3 = remove_empty_lines(x2)
O = remove_duplicate_lines(x3)
