using System.Text.Json.Nodes;

namespace SimCse.Api.Contracts;

/// <summary>OpenAI <c>fine_tuning.job.event</c>; <c>type</c> is <c>message</c> or <c>metrics</c> (then <c>data</c> holds step, train_loss, learning_rate or the evaluation metrics).</summary>
public sealed record JobEventObject(string Id, long CreatedAt, string Level, string Message, string Type, JsonNode? Data)
{
    public string Object => "fine_tuning.job.event";
}
