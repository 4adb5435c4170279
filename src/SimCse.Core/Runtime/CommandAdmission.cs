namespace SimCse.Core.Runtime;

/// <summary>Why a command was or was not queued.</summary>
internal enum CommandAdmission
{
    Queued,
    Full,
    Stopping,
}
