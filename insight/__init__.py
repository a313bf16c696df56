"""What visitors asked and how it went, for the office's staff: read from the tracker store.

- `conversations`: the stored events read back as conversations and turns (language, channel,
  topic, outcome, latency, feedback), without sender ids;
- `outcomes`: which replies mean "not answered" (fallback, out of scope, not known, a person asked for);
- `figures`: the counts, rates and percentiles of a period;
- `groups`: unanswered questions grouped so that paraphrases stand together;
- `page`: the self-contained HTML report (`make report`);
- `suggestions`: the groups as candidate training examples (`make suggest`);
- `weekly`: the week's summary staff get in Slack.
"""
