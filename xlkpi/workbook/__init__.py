"""The weekly workbook: its channels (:mod:`.channels`), where everything is (:mod:`.layout`),
its number formats (:mod:`.formats`), the builder (:mod:`.builder`, openpyxl) and ``xlkpi
check`` (:mod:`.checker`). Import the submodules; this package imports nothing heavy."""
