import type { QuoteView } from '../model/replies'

export interface ReplyQuoteProps {
  quote: QuoteView
  me: number
  onJump?: (id: number) => void // shows the original (loading history if it must)
}

// The quote of the message a reply answers, above the reply's text: who wrote it and how it
// starts; a button to the original unless the original is gone.
export function ReplyQuote({ quote, me, onJump }: ReplyQuoteProps) {
  if (quote.kind === 'removed') {
    return (
      <p className="reply-quote removed">
        <span className="visually-hidden">In reply to: </span>Original message removed
      </p>
    )
  }
  const who = quote.senderId === me ? 'You' : quote.senderName
  const body = (
    <>
      <span className="quote-author">{who}</span>
      <span className="quote-text">{quote.text}</span>
    </>
  )
  return onJump ? (
    <button type="button" className="reply-quote" aria-label={`In reply to ${who}: ${quote.text}. Show the original`} onClick={() => onJump(quote.id)}>
      {body}
    </button>
  ) : (
    <p className="reply-quote">
      <span className="visually-hidden">In reply to </span>
      {body}
    </p>
  )
}
