package types

// Ptr returns a pointer to v, for the optional fields of this package's
// structures (Size *int, Order *SortOrder):
//
//	types.InnerHits{Size: types.Ptr(5)}
func Ptr[T any](v T) *T { return &v }
