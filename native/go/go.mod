module parbench/native/go

go 1.22
