x1 = objects_8(I)
O = fill_bbox_all(I, x1, 1)
