package types

// Value returns the hit count, whichever form the server sent it in (the
// object, or the plain number of rest_total_hits_as_int); 0 when the
// answer has no total (track_total_hits false).
func (u HitsMetadataTotal) Value() int64 {
	if n, err := u.AsInt(); err == nil {
		return n
	}
	t, _ := u.AsTotalHits()
	return t.Value
}

// Exact reports whether the hit count is exact: a plain number, or the
// object with relation "eq". An absent total or a lower bound ("gte") is
// not exact.
func (u HitsMetadataTotal) Exact() bool {
	if u.IsZero() {
		return false
	}
	if _, err := u.AsInt(); err == nil {
		return true
	}
	t, err := u.AsTotalHits()
	return err == nil && t.Relation == TotalHitsRelationEq
}
