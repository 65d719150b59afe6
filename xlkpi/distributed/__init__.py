"""Per-file work past one machine: a Dask cluster behind ``concurrent.futures`` (:mod:`.executor`)
and workbook paths on any fsspec filesystem (:mod:`.paths`)."""
