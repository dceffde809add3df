package main

import (
	"regexp"
	"strconv"
)

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }

func itoa(n int) string { return strconv.Itoa(n) }
