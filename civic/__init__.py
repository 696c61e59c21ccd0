"""What both sides of the wire share: identifiers, text, digits, Jalali dates, rial money, resources.

Qt-free, and imports no other project package.
"""
