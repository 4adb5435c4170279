using SimCse.Api.Contracts;
using SimCse.Core.Errors;

namespace SimCse.Api.Endpoints;

/// <summary>Checks that JSON binding cannot express (required fields, empty values), naming the field.</summary>
public static class RequestValidation
{
    public static IReadOnlyList<string> RequireTexts(TextInput? input, string field = "input")
    {
        if (input is null)
        {
            throw new InvalidInputException($"'{field}' is required: a string or an array of strings.");
        }
        if (input.Texts.Count == 0)
        {
            throw new InvalidInputException($"'{field}' must not be an empty array.");
        }
        for (int i = 0; i < input.Texts.Count; i++)
        {
            RequireText(input.Texts[i], input.Texts.Count == 1 ? field : $"{field}[{i}]");
        }
        return input.Texts;
    }

    public static string RequireText(string? text, string field)
    {
        if (text is null)
        {
            throw new InvalidInputException($"'{field}' is required.");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException($"'{field}' must not be empty or whitespace only.");
        }
        return text;
    }

    public static void RequireModelId(string? model)
    {
        if (model is not null && string.IsNullOrWhiteSpace(model))
        {
            throw new InvalidInputException("'model' must not be empty; omit it to use the active model.");
        }
    }
}
