print("ebguard")
