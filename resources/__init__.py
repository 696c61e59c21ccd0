"""The application's data files (fonts, translations, icons, theme, tariff books, trust list, training key).

Data only: this file exists so that `pip install .` installs the folder as package data beside the code packages,
where `civic.resources.resource_path` finds it exactly as it does in a checkout. Nothing imports this package.
"""
