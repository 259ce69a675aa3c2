import { useSubmit } from "@remix-run/react";
import { useRef, type BaseSyntheticEvent } from "react";
import { get, type FieldValues } from "react-hook-form";
import { useRemixForm } from "remix-hook-form";
import type { z } from "zod";
import { flattenErrors, resolverFor } from "./read-form";

/**
 * A form on react-hook-form with its one zod schema as resolver: fields are checked as people leave them,
 * and a form that passes is posted as it stands, so the server receives exactly what a browser without
 * JavaScript would send and reads it with the same schema (read-form.ts). The action answers a refused
 * form with `{ errors }` in react-hook-form's shape (nestErrors), shown at the fields here.
 *
 * `field(name)` gives what an input needs: its name, the form library's handlers and ref, what to show in
 * it first (for the page rendered on the server), and its message.
 */
export function useValidatedForm<T extends FieldValues>(schema: z.ZodType<T>, defaultValues: FieldValues) {
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useRemixForm<FieldValues>({
    resolver: resolverFor(schema),
    defaultValues,
    mode: "onTouched",
    // The button that was pressed is posted with the form, and its formAction (another step's page) is followed.
    submitHandlers: { onValid: (_values, event) => submit(submitterOf(event) ?? formRef.current) },
  });
  const errors = flattenErrors(form.formState.errors);
  const field = (name: string) => {
    const initial: unknown = get(defaultValues, name);
    return {
      ...form.register(name, { disableProgressiveEnhancement: true }),
      defaultValue: typeof initial === "string" ? initial : "",
      error: errors[name],
    };
  };
  return { formRef, onSubmit: form.handleSubmit, errors, field, register: form.register, watch: form.watch, control: form.control };
}

function submitterOf(event: BaseSyntheticEvent | undefined): HTMLButtonElement | null {
  const submitter = (event?.nativeEvent as SubmitEvent | undefined)?.submitter;
  return submitter instanceof HTMLButtonElement ? submitter : null;
}

type ValidatedForm = ReturnType<typeof useValidatedForm>;
/** What an input of a validated form is given (see `field`). */
export type FormField = ValidatedForm["field"];
export type FormRegister = ValidatedForm["register"];
export type FormWatch = ValidatedForm["watch"];
export type FormControl = ValidatedForm["control"];
