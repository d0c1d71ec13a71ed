def write_report(rows, categories, out):
    pass
