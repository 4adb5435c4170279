using SimCse.Core.Tokenization;

namespace SimCse.Core.Runtime;

/// <summary>One input of a request, queued on its own so a large request can span several batches.</summary>
/// <param name="Request">The request it belongs to.</param>
/// <param name="Index">Its position in the request's inputs, where its vector goes.</param>
/// <param name="Input">The tokenized text.</param>
internal sealed record WorkItem(PendingRequest Request, int Index, TokenizedInput Input);
