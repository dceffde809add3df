package bulk

import (
	"context"
	"errors"
	"iter"

	"github.com/esgo/esgo/transport"
)

// Stream sends the items through an Indexer made with opts and yields each
// item's Result, with its error (nil on success), in the order the outcomes
// are known, which is not the order of the items. Like every iterator it does
// nothing until ranged over.
//
// Items that cannot be sent (ErrInvalidItem) are yielded as failures and the
// stream goes on. If ctx ends, the items not yet sent are yielded as failures
// with the context's error, followed by a last (zero Result, ctx error) pair
// when items were left unread. Breaking out of the loop cancels what is in
// flight and returns once the workers have stopped; items must then stop
// producing, so an items iterator that blocks should watch ctx (StreamChan
// does this for channels).
//
// OnSuccess and OnFailure options are replaced by the iterator.
func Stream(ctx context.Context, client transport.Interface, items iter.Seq[Item], opts ...Option) iter.Seq2[Result, error] {
	return stream(ctx, client, func(context.Context) iter.Seq[Item] { return items }, opts)
}

// StreamChan is Stream for items read from a channel, until it is closed or
// ctx ends.
func StreamChan(ctx context.Context, client transport.Interface, items <-chan Item, opts ...Option) iter.Seq2[Result, error] {
	return stream(ctx, client, func(ctx context.Context) iter.Seq[Item] {
		return func(yield func(Item) bool) {
			for {
				select {
				case it, ok := <-items:
					if !ok || !yield(it) {
						return
					}
				case <-ctx.Done():
					return
				}
			}
		}
	}, opts)
}

func stream(parent context.Context, client transport.Interface, source func(context.Context) iter.Seq[Item], opts []Option) iter.Seq2[Result, error] {
	return func(yield func(Result, error) bool) {
		ctx, cancel := context.WithCancel(parent)
		defer cancel()
		out := make(chan Result, 256)
		stop := make(chan struct{})
		report := func(r Result) {
			select {
			case out <- r:
			case <-stop:
			}
		}
		ix, err := New(client, append(opts[:len(opts):len(opts)], OnSuccess(report), OnFailure(report))...)
		if err != nil {
			yield(Result{}, err)
			return
		}
		var stopErr error
		go func() {
			defer close(out)
			for it := range source(ctx) {
				err := ix.Add(ctx, it)
				if errors.Is(err, ErrInvalidItem) {
					report(Result{Item: it, Index: it.Index, ID: it.ID, Err: err})
					continue
				}
				if err != nil {
					stopErr = err
					break
				}
			}
			if stopErr == nil && ctx.Err() != nil {
				stopErr = ctx.Err()
			}
			ix.Close(ctx) //nolint:errcheck // every outcome is reported
		}()
		for r := range out {
			if !yield(r, r.Err) {
				close(stop)
				cancel()
				for range out {
				}
				return
			}
		}
		if stopErr != nil {
			yield(Result{}, stopErr)
		}
	}
}
