package yamltest

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteSummary writes a Markdown summary of results: totals, the failures
// with their causes, and the skips grouped by reason.
func WriteSummary(w io.Writer, results []Result) error {
	var passed, failed, skipped int
	for _, r := range results {
		switch r.Outcome {
		case Passed:
			passed++
		case Failed:
			failed++
		case Skipped:
			skipped++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| outcome | tests |\n|---|---|\n| passed | %d |\n| failed | %d |\n| skipped | %d |\n| total | %d |\n",
		passed, failed, skipped, len(results))
	if failed > 0 {
		b.WriteString("\n## Failures\n\n| file | test | cause |\n|---|---|---|\n")
		for _, r := range results {
			if r.Outcome == Failed {
				fmt.Fprintf(&b, "| %s | %s | %s |\n", r.File, cell(r.Test), cell(r.Reason))
			}
		}
	}
	if skipped > 0 {
		byReason := map[string][]string{}
		for _, r := range results {
			if r.Outcome == Skipped {
				byReason[r.Reason] = append(byReason[r.Reason], r.File+": "+r.Test)
			}
		}
		reasons := make([]string, 0, len(byReason))
		for k := range byReason {
			reasons = append(reasons, k)
		}
		sort.Strings(reasons)
		b.WriteString("\n## Skipped\n\n| reason | tests |\n|---|---|\n")
		for _, k := range reasons {
			fmt.Fprintf(&b, "| %s | %s |\n", cell(k), cell(strings.Join(byReason[k], "; ")))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 400 {
		s = s[:400] + "..."
	}
	return s
}
