x1 = objects_by_color(I)
O = paint_bboxes(I, x1)
