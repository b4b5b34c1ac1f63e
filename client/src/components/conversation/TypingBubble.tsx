/** Three dots while the AI writes its answer. */
export function TypingBubble({ who }: { who: string }) {
  return (
    <div className="mt-2 flex justify-end" role="status">
      <span className="sr-only">{who} is typing…</span>
      <span
        aria-hidden="true"
        className="inline-flex gap-1 rounded-2xl rounded-br-md bg-indigo-100 px-3.5 py-3"
      >
        {[0, 150, 300].map((delay) => (
          <span
            key={delay}
            className="h-1.5 w-1.5 animate-bounce rounded-full bg-indigo-500"
            style={{ animationDelay: `${delay}ms` }}
          />
        ))}
      </span>
    </div>
  );
}
