namespace SimCse.Api.Contracts;

/// <summary>
/// One replica's state for a model on <c>GET /v1/models/{id}</c>: <c>serving</c> (its active model), <c>failed</c> (it
/// could not load or verify it and keeps serving <see cref="ServingModel"/>), or <c>not_serving</c>.
/// </summary>
public sealed record ReplicaModelState(string Replica, string State, string? ServingModel, string? Error, long HeartbeatAt);
