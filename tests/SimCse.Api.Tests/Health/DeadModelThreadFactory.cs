using SimCse.Api.Tests.Infrastructure;

namespace SimCse.Api.Tests.Health;

/// <summary>A service of its own, because its test kills the model thread.</summary>
public sealed class DeadModelThreadFactory : SimCseFactory;
