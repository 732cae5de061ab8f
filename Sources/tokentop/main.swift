import CNcurses
print("tokentop")
