O = complete_pattern(I, 0)
