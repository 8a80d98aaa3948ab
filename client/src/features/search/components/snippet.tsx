import type { SnippetPart } from '@payload-chat/server/protocol'

// A hit's text around the match: the matched words marked. Parts are text, never HTML.
export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <span className="hit-snippet">
      {parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </span>
  )
}
