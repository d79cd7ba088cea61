O = connect_hv(I, 8)
