namespace SimCse.Api.Tests.Infrastructure;

/// <summary>The service with its default configuration, shared by every test in <see cref="SharedService"/>.</summary>
public sealed class ServiceFactory : SimCseFactory;
