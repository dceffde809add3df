module github.com/esgo/esgo

go 1.26
