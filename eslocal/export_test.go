package eslocal

// ServerPIDs returns, for each node, the pid serverPID would signal (0 for
// none), for the external tests.
func ServerPIDs(c *Cluster) []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]int, len(c.nodes))
	for i, n := range c.nodes {
		out[i] = n.serverPID()
	}
	return out
}
